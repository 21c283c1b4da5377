from wijkverbinders import figures, tables


def texts(fig):
    return [t.get_text() for t in fig.texts] + [
        label.get_text() for ax in fig.axes for label in ax.get_xticklabels()
    ]


def test_figures_use_codebook_labels_and_say_synthetic(test_documents, codebook):
    table = tables.code_table(test_documents, codebook, by="municipality")
    fig = figures.roles_by_municipality(table, codebook)
    shown = texts(fig)
    assert "Agenderen" in shown and "Fixer" in shown
    assert figures.SYNTHETIC_FOOTER in shown
    bars = [p.get_height() for p in fig.axes[0].patches]
    assert max(bars) == 50.0  # Katwijk: fixer in 2 of 4 coded segments


def test_no_synthetic_footer_on_real_data(test_documents, codebook):
    table = tables.code_table(test_documents, codebook, by="municipality")
    table["synthetic"] = "no"
    assert figures.SYNTHETIC_FOOTER not in texts(figures.barriers_by_municipality(table, codebook))


def test_heatmap_counts(test_documents, codebook):
    cooc = tables.role_barrier_cooccurrence(test_documents, codebook)
    fig = figures.roles_by_barriers_heatmap(cooc, codebook)
    grid = fig.axes[0].images[0].get_array()
    roles = [c.id for c in codebook.in_group("role")]
    barriers = [c.id for c in codebook.in_group("barrier")]
    assert grid[roles.index("role_fixer"), barriers.index("barrier_positional")] == 1
    assert grid.sum() == 1


def test_saved_figures_are_byte_identical(test_documents, codebook, tmp_path):
    table = tables.code_table(test_documents, codebook, by="source_type")
    for name in ("a", "b"):
        for ext in ("svg", "png"):
            fig = figures.interview_vs_observation(table, codebook)
            figures.save_figure(fig, str(tmp_path / f"{name}.{ext}"))
    for ext in ("svg", "png"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()
