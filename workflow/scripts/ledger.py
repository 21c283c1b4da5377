"""Balance counts in against counts out, per file."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.ledger(
    list(snakemake.input.parsed),
    segments_table=snakemake.input.segments,
    output=snakemake.output[0],
    second_parsed=list(snakemake.input.second_parsed),
    pairs_table=snakemake.input.pairs or None,
    skipped=snakemake.params.skipped,
)
