"""Draw one figure as PNG and SVG."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.make_figure(
    snakemake.wildcards.figure,
    table=snakemake.input.table,
    codebook=snakemake.input.codebook,
    outputs=[snakemake.output.png, snakemake.output.svg],
)
