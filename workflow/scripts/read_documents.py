"""Read a batch of source files into documents (restricted)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.read_batch(
    list(snakemake.input.sources),
    roots=list(snakemake.params.roots),
    codebook=snakemake.input.codebook,
    output=snakemake.output[0],
    interviewer_labels=snakemake.params.interviewer_labels,
    respondent_labels=snakemake.params.respondent_labels,
    code_map=dict(snakemake.params.code_map),
)
