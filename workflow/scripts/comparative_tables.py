"""Comparative tables of human codes."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.comparative_tables(
    snakemake.input.segments,
    codebook=snakemake.input.codebook,
    outputs_by_name=dict(snakemake.output.items()),
)
