# Analyse: comparative tables of human codes, and figures drawn from them.


rule comparative_tables:
    input:
        segments=outputs.RESTRICTED_SEGMENTS,
        codebook=config["codebook"],
    output:
        **COMPARATIVE_TABLES,
    log:
        "logs/comparative_tables.log",
    benchmark:
        "benchmarks/comparative_tables.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/comparative_tables.py"


# All figures in one job: they are drawn from the same tables and change together, and one
# process (one matplotlib start) is cheaper than one per figure when a document is added.
rule figures:
    input:
        tables=figure_tables(),
        codebook=config["codebook"],
    output:
        reported_figures(),
    log:
        "logs/figures.log",
    benchmark:
        "benchmarks/figures.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        names=sorted(outputs.FIGURES),
    script:
        "../scripts/figure.py"


rule quotes:
    input:
        parsed=parsed_coded(),
        codebook=config["codebook"],
    output:
        quotes=outputs.TABLES["quotes"].path,
        counts=outputs.TABLES["pseudonymisation"].path,
    log:
        "logs/quotes.log",
    benchmark:
        "benchmarks/quotes.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=3000,
        runtime=15,
    params:
        allow=config["pseudonymisation"]["allow"],
        deny=config["pseudonymisation"]["deny"],
        per_cell=config["pseudonymisation"]["quotes_per_cell"],
    script:
        "../scripts/quotes.py"
