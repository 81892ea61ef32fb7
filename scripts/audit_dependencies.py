"""Release step: the installed dependencies against published advisories (pip-audit).

    .venv/bin/python scripts/audit_dependencies.py [--service osv|pypi]

Needs the internet (the advisory service). Exit 0: every package was audited and none has a
known vulnerability; 1: findings (listed); 2: the audit could not be done (the service
unreachable, or it answered for none of the packages, as a partial mirror does) - never a
silent pass. ``--from-report FILE`` judges a pip-audit JSON report instead of running it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def judge(report: dict) -> tuple[int, list[str]]:
    dependencies = [d for d in report.get("dependencies", []) if d["name"] != "taxhauz"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        return 2, [
            f"The advisory service audited none of the {len(dependencies)} packages: "
            "no result. Run this where PyPI and OSV are reachable."
        ]
    skipped = [f"  not audited: {d['name']} ({d['skip_reason']})" for d in dependencies
               if "skip_reason" in d]  # fmt: skip
    findings = [
        f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
        for d in audited
        if d.get("vulns")
    ]
    if findings:
        return 1, ["Known vulnerabilities:", *findings, *skipped]
    return 0, [f"{len(audited)} package(s) audited, no known vulnerability.", *skipped]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", default="osv", choices=["osv", "pypi"])
    parser.add_argument("--from-report", type=Path)
    args = parser.parse_args()
    if args.from_report:
        report = json.loads(args.from_report.read_text())
    else:
        audit = Path(sys.executable).with_name("pip-audit")
        result = subprocess.run(  # noqa: S603 - our own venv's pip-audit
            [str(audit), "--local", "--format", "json", "--progress-spinner", "off",
             "--vulnerability-service", args.service, "--timeout", "30"],
            capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        if not result.stdout.strip():
            print(f"pip-audit could not run:\n{result.stderr[-3000:]}")
            return 2
        report = json.loads(result.stdout)
    status, lines = judge(report)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
