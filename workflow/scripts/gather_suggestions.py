"""One suggestions table from the per-batch tables."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.gather_tables(list(snakemake.input), output=snakemake.output[0])
