"""Code suggestions for a batch of annotated documents."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.suggest_batch(
    snakemake.input.annotations,
    codebook=snakemake.input.codebook,
    min_indicators=snakemake.params.min_indicators,
    output=snakemake.output[0],
)
