"""Screenshots of the reviewers' report in headless Chromium, and the report printed to PDF.

Shows what a reader sees: the top of the page, the findings and the exemplar quotes (each
section shown from its heading, the rest of the page hidden), at a laptop's window size, plus
``index.pdf`` printed the way a browser prints. Needs Chromium (Debian: ``apt-get install
chromium``); run from the project folder after ``make run``:

    .venv/bin/python tools/screenshot_report.py [--report results/report/index.html]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SECTIONS = {"top": None, "findings": "findings", "quotes": "quotes"}
WIDTH, HEIGHT = 1366, 900


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("error: Chromium not found (Debian: apt-get install chromium)")


def _run(browser: str, *args: str) -> None:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)}\n{result.stderr[-2000:]}")


def section_page(html: str, section: str | None) -> str:
    """The report with every part but ``section`` hidden (``None``: the page as it is)."""
    if section is None:
        return html
    style = (
        "<style>body > header, nav, footer.page, section { display: none !important; }"
        f" section#{section} {{ display: block !important; }}</style>"
    )
    return html.replace("</head>", style + "</head>", 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", default="results/report/index.html")
    parser.add_argument("--out", default="results/report/screenshots")
    args = parser.parse_args(argv)
    report = Path(args.report)
    if not report.is_file():
        sys.exit(f"error: {report}: no report yet (run `make run` first)")
    browser = chromium()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    html = report.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for name, section in SECTIONS.items():
            page = Path(tmp, f"{name}.html")
            page.write_text(section_page(html, section), encoding="utf-8")
            target = out / f"{name}.png"
            _run(
                browser,
                f"--window-size={WIDTH},{HEIGHT}",
                f"--screenshot={target.resolve()}",
                page.resolve().as_uri(),
            )
            print(f"wrote {target}")
    pdf = report.with_suffix(".pdf")
    _run(
        browser,
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf.resolve()}",
        report.resolve().as_uri(),
    )
    print(f"wrote {pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
