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
        restricted="results/restricted/segments.csv",
        shareable="results/tables/segments.csv",
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
        second_parsed=second_parsed_documents(),
        second_table=second_coding_table(),
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


rule second_coding:
    input:
        parsed=parsed_documents(),
        second_parsed=second_parsed_documents(),
        codebook=config["codebook"],
    output:
        pairs="results/restricted/second_coding.csv",
        agreement="results/tables/agreement.csv",
    log:
        "logs/second_coding.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/second_coding.py"
