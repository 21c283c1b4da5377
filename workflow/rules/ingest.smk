# Ingest: parse each transcript, gather all segments, and balance the ledger.


rule parse:
    input:
        transcript=transcript_of,
        codebook=config["codebook"],
    output:
        "results/restricted/parsed/{doc}.json",
    log:
        "logs/parse/{doc}.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=500,
        runtime=5,
    params:
        corpus_root=corpus_root_of,
    script:
        "../scripts/parse.py"


rule segments:
    input:
        parsed=parsed_documents(),
    output:
        "results/restricted/segments.csv",
    log:
        "logs/segments.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/segments.py"


rule ledger:
    input:
        parsed=parsed_documents(),
        segments="results/restricted/segments.csv",
    output:
        "results/tables/ingest_ledger.csv",
    log:
        "logs/ledger.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/ledger.py"
