"""NLP and rule matches for the example bank."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.annotate_bank(
    list(snakemake.input.examples), codebook=snakemake.input.codebook, output=snakemake.output[0]
)
