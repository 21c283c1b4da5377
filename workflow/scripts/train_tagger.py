"""Train the learned or combined tagger (skops model and its description)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.train_tagger(
    list(snakemake.input.parsed),
    list(snakemake.input.annotations),
    bank=snakemake.input.bank,
    codebook=snakemake.input.codebook,
    method=snakemake.params.method,
    model_output=snakemake.output.model,
    info_output=snakemake.output.info,
    max_segments=snakemake.params.max_segments,
)
