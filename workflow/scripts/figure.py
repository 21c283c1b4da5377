"""Draw every figure of the comparative tables in one process (PNG and SVG)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import outputs, stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

for name, table in zip(snakemake.params.names, snakemake.input.tables, strict=True):
    stages.make_figure(
        name,
        table=table,
        codebook=snakemake.input.codebook,
        outputs=outputs.figure_paths(name),
    )
