"""The study as a REFI-QDA project (.qdpx) for QDA software, with the tagger's suggestions."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.export_project(
    list(snakemake.input.parsed),
    codebook=snakemake.input.codebook,
    output=snakemake.output[0],
    second_parsed=list(snakemake.input.second),
    suggestions=snakemake.input.suggestions,
)
