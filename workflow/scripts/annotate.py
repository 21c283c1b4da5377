"""Dutch NLP and code suggestions for a batch of documents."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.annotate_batch(
    snakemake.input.parsed,
    output=snakemake.output.annotations,
    suggestions=snakemake.output.suggestions,
    codebook=snakemake.input.codebook,
    min_indicators=snakemake.params.min_indicators,
)
