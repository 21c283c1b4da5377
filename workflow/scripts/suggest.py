"""Code suggestions for one batch with the configured tagger."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.suggest_batch(
    snakemake.input.annotations,
    codebook=snakemake.input.codebook,
    method=snakemake.params.method,
    model=snakemake.input.model or None,
    min_indicators=snakemake.params.min_indicators,
    output=snakemake.output[0],
)
