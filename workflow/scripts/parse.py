"""Parse and validate one transcript."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.parse(
    snakemake.input.transcript,
    codebook=snakemake.input.codebook,
    corpus_root=snakemake.params.corpus_root,
    output=snakemake.output[0],
)
