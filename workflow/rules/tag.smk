# Tag: train the configured tagger, suggest codes for every segment of every batch, gather
# them, and evaluate the tagger against the human codes.


rule annotate_bank:
    input:
        examples=bank_files() if BANK else [],
        codebook=config["codebook"],
    output:
        outputs.BANK_ANNOTATIONS,
    log:
        "logs/annotate_bank.log",
    benchmark:
        "benchmarks/annotate_bank.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1500,
        runtime=10,
    script:
        "../scripts/annotate_bank.py"


rule train_tagger:
    input:
        parsed=parsed_coded(),
        annotations=annotations_coded(),
        bank=outputs.BANK_ANNOTATIONS,
        codebook=config["codebook"],
    output:
        model=outputs.MODEL,
        info=outputs.MODEL_INFO,
    log:
        "logs/train_tagger.log",
    benchmark:
        "benchmarks/train_tagger.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=4000,
        runtime=30,
    params:
        method=METHOD,
        max_segments=TAGGER["max_training_segments"],
    script:
        "../scripts/train_tagger.py"


rule suggest:
    input:
        annotations=outputs.annotated_batch("{batch}"),
        model=[] if METHOD == "rules" else outputs.MODEL,
        codebook=config["codebook"],
    output:
        outputs.suggested_batch("{batch}"),
    log:
        "logs/suggest/{batch}.log",
    benchmark:
        "benchmarks/suggest/{batch}.tsv"
    wildcard_constraints:
        batch=outputs.PRIMARY_BATCH_PATTERN,
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        method=METHOD,
        min_indicators=TAGGER["min_indicators"],
    script:
        "../scripts/suggest.py"


rule gather_suggestions:
    input:
        parts=suggestion_parts(),
        segments=outputs.RESTRICTED_SEGMENTS,
    output:
        table=outputs.TABLES["suggestions"].path,
        with_text=outputs.SUGGESTIONS_WITH_TEXT,
    log:
        "logs/gather_suggestions.log",
    benchmark:
        "benchmarks/gather_suggestions.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/gather_suggestions.py"


rule evaluate_tagger:
    input:
        parsed=parsed_coded(),
        annotations=annotations_coded(),
        bank=outputs.BANK_ANNOTATIONS,
        codebook=config["codebook"],
    output:
        evaluation=outputs.EVALUATION,
        table=outputs.TABLES["tagger_evaluation"].path,
        figures=outputs.EVALUATION_FIGURES,
    log:
        "logs/evaluate_tagger.log",
    benchmark:
        "benchmarks/evaluate_tagger.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=4000,
        runtime=60,
    params:
        schemes=TAGGER["evaluation"]["schemes"],
        methods=TAGGER["evaluation"]["methods"],
        max_segments=TAGGER["evaluation"]["max_segments"],
        max_folds=TAGGER["evaluation"]["max_folds"],
    script:
        "../scripts/evaluate_tagger.py"


rule export_project:
    input:
        parsed=parsed_primary(),
        second=parsed_second(),
        suggestions=outputs.TABLES["suggestions"].path,
        codebook=config["codebook"],
    output:
        outputs.PROJECT_QDPX,
    log:
        "logs/export_project.log",
    benchmark:
        "benchmarks/export_project.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/export_project.py"
