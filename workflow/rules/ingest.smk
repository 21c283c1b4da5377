# Ingest: read, annotate and tag the documents batch by batch, gather all segments, pair
# second codings, and balance the ledger.


rule process_batch:
    input:
        sources=batch_sources,
        codebook=config["codebook"],
    output:
        parsed=outputs.parsed_batch("{batch}"),
        annotations=outputs.annotated_batch("{batch}"),
    log:
        "logs/process_batch/{batch}.log",
    benchmark:
        "benchmarks/process_batch/{batch}.tsv"
    wildcard_constraints:
        batch=outputs.PRIMARY_BATCH_PATTERN,
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1500,
        runtime=20,
    params:
        roots=batch_roots,
        interviewer_labels=LABELS["interviewer_labels"],
        respondent_labels=LABELS["respondent_labels"],
        code_map=config["code_map"],
    script:
        "../scripts/process_batch.py"


rule read_second_coding:
    input:
        sources=batch_sources,
        codebook=config["codebook"],
    output:
        outputs.parsed_batch("{batch}"),
    log:
        "logs/read_second_coding/{batch}.log",
    wildcard_constraints:
        batch=outputs.SECOND_BATCH_PATTERN,
    conda:
        "../../environment.yml"
    resources:
        mem_mb=500,
        runtime=10,
    params:
        roots=batch_roots,
        interviewer_labels=LABELS["interviewer_labels"],
        respondent_labels=LABELS["respondent_labels"],
        code_map=config["code_map"],
    script:
        "../scripts/read_documents.py"


rule segments:
    input:
        parsed=parsed_primary(),
    output:
        restricted=outputs.RESTRICTED_SEGMENTS,
        shareable=outputs.TABLES["segments"].path,
        memos=outputs.RESTRICTED_MEMOS,
    log:
        "logs/segments.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/segments.py"


rule second_coding:
    input:
        parsed=parsed_primary(),
        second_parsed=parsed_second(),
        codebook=config["codebook"],
    output:
        pairs=outputs.PAIRED_CODINGS,
        agreement_segments=outputs.TABLES["agreement_segments"].path,
        agreement_documents=outputs.TABLES["agreement_documents"].path,
        disagreements=outputs.TABLES["disagreements"].path,
    log:
        "logs/second_coding.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/second_coding.py"


rule ledger:
    input:
        parsed=parsed_primary(),
        segments=outputs.RESTRICTED_SEGMENTS,
        second_parsed=parsed_second(),
        pairs=paired_codings(),
    output:
        outputs.TABLES["ingest_ledger"].path,
    log:
        "logs/ledger.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        skipped=SKIPPED,
    script:
        "../scripts/ledger.py"
