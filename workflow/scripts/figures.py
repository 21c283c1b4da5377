"""Draw every figure as PNG and SVG (one process for all)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.draw_figures(
    snakemake.params.figures,
    tables=snakemake.params.tables,
    codebook=snakemake.input.codebook,
)
