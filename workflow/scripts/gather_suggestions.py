"""One suggestions table from the per-batch tables, and a restricted copy with text."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.gather_suggestions(
    list(snakemake.input.parts),
    segments=snakemake.input.segments,
    output=snakemake.output.table,
    with_text=snakemake.output.with_text,
)
