"""Gather all segments into one table (restricted: it holds the text)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.segments(
    snakemake.input.parsed,
    output=snakemake.output.restricted,
    shareable=snakemake.output.shareable,
    memos=snakemake.output.memos,
)
