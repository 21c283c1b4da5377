# Analyse: comparative tables of human codes, and figures drawn from them.


rule comparative_tables:
    input:
        segments=outputs.RESTRICTED_SEGMENTS,
        codebook=config["codebook"],
    output:
        **COMPARATIVE_TABLES,
    log:
        "logs/comparative_tables.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/comparative_tables.py"


rule figures:
    input:
        tables=figure_tables(),
        codebook=config["codebook"],
    output:
        figure_files(),
    log:
        "logs/figures.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        figures=FIGURE_OUTPUTS,
        tables=FIGURE_TABLES,
    script:
        "../scripts/figures.py"
