"""Read, annotate and tag one batch of documents (one process, one spaCy load)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.process_batch(
    list(snakemake.input.sources),
    roots=list(snakemake.params.roots),
    codebook=snakemake.input.codebook,
    parsed=snakemake.output.parsed,
    annotations=snakemake.output.annotations,
    interviewer_labels=snakemake.params.interviewer_labels,
    respondent_labels=snakemake.params.respondent_labels,
    code_map=dict(snakemake.params.code_map),
)
