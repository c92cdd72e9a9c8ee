#!/usr/bin/env python3
"""Writes reports.json, the duplicate-detection evaluation set (docs/TRIAGE.md).

Each bug of bugs.py is reported once; 40 of them are reported again by other
reporters (20 once more, 20 twice more), each re-report written by a different
writer, who names the bug in other words and quotes a different, independently
chosen subset of what can be quoted (function, file, endpoint, payload, version).
Unrelated reports share vocabulary by design (several bugs per component), and
beg-bounty reports of known non-issues add noise. Writers differ in structure
(bug-bounty headings, a terse mail, a long story, a scanner dump, non-native
English, an over-long generated text), not only in words.

Deterministic (seeded): run it again and the file is the same.
"""

import json
import random
import sys
from pathlib import Path

from bugs import BUGS

# `generate.py` writes reports.json (the set the threshold was chosen on);
# `generate.py held-out` writes held-out.json from another seed, to check it.
HELD_OUT = sys.argv[1:] == ["held-out"]
RNG = random.Random(4242 if HELD_OUT else 20261207)

FIRST = ["Mei", "Tomás", "Aisha", "Jonas", "Priya", "Olu", "Kenji", "Sara", "Dmitri", "Lucía",
         "Noah", "Fatima", "Ravi", "Ingrid", "Chen", "Amara", "Pavel", "Zoe", "Yusuf", "Elena",
         "Kwame", "Hana", "Mateo", "Leila", "Bjorn", "Anh", "Gabriel", "Nadia", "Arjun", "Maren"]
LAST = ["Lin", "Ortega", "Bello", "Keller", "Raman", "Adeyemi", "Sato", "Nilsson", "Volkov",
        "García", "Brooks", "Haddad", "Iyer", "Dahl", "Wei", "Okafor", "Novak", "Turner", "Demir",
        "Rossi", "Mensah", "Kim", "Silva", "Farah", "Berg", "Nguyen", "Costa", "Petrova", "Shah", "Lund"]
DOMAINS = ["gmail.example", "proton.example", "northwind-research.example", "bugsec.example",
           "outlook.example", "redteam.example", "uni-hamburg.example", "yandex.example", "hey.example"]
VERSIONS = ["22.4.0", "22.3.2", "22.1.0", "20.11.1", "20.10.0", "18.19.4", "22.4.1", "v22.4.0",
            "20.11.2", "22.0.0-rc.2"]


def reporter(used):
    while True:
        first, last = RNG.choice(FIRST), RNG.choice(LAST)
        if (first, last) not in used:
            used.add((first, last))
            handle = RNG.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{RNG.randint(7, 99)}",
                                 f"{last}.sec"]).lower()
            handle = handle.replace("á", "a").replace("í", "i").replace("ö", "o")
            return f"{first} {last}", f"{handle}@{RNG.choice(DOMAINS)}"


def pick(items, p):
    return [x for x in items if RNG.random() < p]


def facts(bug, style_bias):
    """What this writer quotes: each kind independently, so two writers rarely
    quote the same set."""
    q = style_bias
    return dict(
        ids=pick(bug["ids"], q),
        files=pick(bug["files"], q * 0.8),
        eps=pick(bug["eps"], q),
        pay=pick(bug["pay"], q),
        version=RNG.choice(VERSIONS) if RNG.random() < q + 0.15 else None,
        cwe=bug["cwe"] if RNG.random() < q * 0.6 else None,
    )


def join_names(items):
    items = [f"`{x}`" if RNG.random() < 0.5 else x for x in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted_bits(f):
    bits = []
    if f["ids"]:
        bits.append(RNG.choice(["The problem is in ", "Look at ", "It happens in ", "Relevant code: ",
                                "Root cause seems to be "]) + join_names(f["ids"]) + ".")
    if f["files"]:
        bits.append(RNG.choice(["File: ", "See ", "The code is in ", "In "]) + join_names(f["files"]) + ".")
    if f["eps"]:
        bits.append(RNG.choice(["Affected endpoint: ", "Tested against ", "Endpoint: ", "URL: "])
                    + RNG.choice(["http://localhost:8080", "https://demo.harbor.example", ""])
                    + f["eps"][0])
    return bits


def poc_lines(f, bug):
    lines = []
    if f["pay"]:
        ep = f["eps"][0] if f["eps"] else RNG.choice(["/", "/index.html", "/api/"])
        form = RNG.choice(["curl", "raw", "python"])
        if form == "curl":
            lines.append(f"curl -v --path-as-is 'http://127.0.0.1:8080{ep}{f['pay'][0] if f['pay'][0].startswith(('?', '/')) else ''}'"
                         if RNG.random() < 0.5 else f"curl -i http://localhost:8080{ep} -H '{f['pay'][0]}'")
        elif form == "raw":
            lines += [f"GET {ep} HTTP/1.1", "Host: localhost", f["pay"][0], ""]
        else:
            lines += ["import requests", f"r = requests.get('http://target{ep}', params={{'x': {f['pay'][0]!r}}})",
                      "print(r.status_code, len(r.text))"]
    return lines


def bounty(bug, f, i):
    what = RNG.choice(bug["what"])
    parts = [f"## Summary\n\n{what[0].upper() + what[1:]} in the {RNG.choice(bug['names'])}. "
             f"{RNG.choice(bug['how']).capitalize()}."]
    bits = quoted_bits(f)
    if bits:
        parts.append("## Details\n\n" + "\n".join(f"- {b}" for b in bits))
    steps = ["Start harbor with the default configuration"
             + (f" (version {f['version']})" if f["version"] else "")]
    steps += [RNG.choice(["Send the request below", "Run the PoC", "Issue the following request"]),
              RNG.choice(["Observe the response", "Watch the server process", "Check the result"])]
    parts.append("## Steps to reproduce\n\n" + "\n".join(f"{n}. {s}" for n, s in enumerate(steps, 1)))
    poc = poc_lines(f, bug)
    if poc:
        parts.append("## PoC\n\n```\n" + "\n".join(poc) + "\n```")
    parts.append(f"## Impact\n\nAn attacker can {RNG.choice(bug['imp'])}.")
    if f["cwe"]:
        parts.append(f"Weakness: {f['cwe']}")
    return f"[{RNG.choice(['High', 'Critical', 'Medium'])}] {what}", "\n\n".join(parts)


def terse(bug, f, i):
    what = RNG.choice(bug["what"])
    body = [f"hi,\n\n{what} — {RNG.choice(bug['how'])}."]
    body += quoted_bits(f)[:1]
    if f["version"]:
        body.append(f"seen on {f['version']}.")
    poc = poc_lines(f, bug)
    if poc:
        body.append("\n".join(poc[:2]))
    body.append(RNG.choice(["cheers", "--", "thx", "br"]))
    return RNG.choice([what, f"{RNG.choice(bug['names'])}: {what}", f"security: {what}"]), "\n\n".join(body)


def story(bug, f, i):
    name = RNG.choice(bug["names"])
    what = RNG.choice(bug["what"])
    openers = ["While integrating Harbor into our internal platform last week I noticed something odd with the",
               "I maintain a small deployment of Harbor for a client and during a routine review of the",
               "Our pentest of a customer application that runs on Harbor turned up an issue in the",
               "I was reading through the source to understand how the"]
    body = [f"Hello Harbor security team,\n\n{RNG.choice(openers)} {name}. In short: {what}. "
            f"As far as I can tell {RNG.choice(bug['how'])}."]
    bits = quoted_bits(f)
    if bits:
        body.append(" ".join(bits))
    if f["version"]:
        body.append(f"We run {f['version']} on Debian, behind nginx, mostly default settings.")
    poc = poc_lines(f, bug)
    if poc:
        body.append("This reproduces it for me:\n\n" + "\n".join("    " + p for p in poc))
    body.append(f"The consequence is that someone could {RNG.choice(bug['imp'])}, which worries us "
                "because the service is exposed to the internet.")
    body.append("I have not shared this with anyone else. Happy to help test a fix.\n\nBest,")
    return f"Possible security problem in the {name}", "\n\n".join(body)


def scanner(bug, f, i):
    lines = [f"Vulnerability: {RNG.choice(bug['what']).title()}",
             f"Severity: {RNG.choice(['High', 'Medium', 'Critical'])}",
             f"Component: {RNG.choice(bug['names'])}"]
    if f["cwe"] or RNG.random() < 0.5:
        lines.append(f"Classification: {bug['cwe']}")
    if f["eps"]:
        lines.append(f"URL: https://target.example{f['eps'][0]}")
    if f["pay"]:
        lines.append(f"Payload: {f['pay'][0]}")
    if f["ids"]:
        lines.append(f"Parameter/Sink: {f['ids'][0]}")
    if f["version"]:
        lines.append(f"Detected version: harbor-http/{f['version'].lstrip('v')}")
    lines.append(f"Description: {RNG.choice(bug['how']).capitalize()}.")
    lines.append(f"Impact: Attacker may {RNG.choice(bug['imp'])}.")
    lines.append("Remediation: Apply vendor patch or follow secure coding guidelines.")
    return f"Automated finding: {RNG.choice(bug['what'])}", "\n".join(lines)


def non_native(bug, f, i):
    what = RNG.choice(bug["what"])
    body = [f"Dear team,\n\ni am security researcher and i find the {RNG.choice(bug['names'])} have problem: "
            f"{what}. Reason is {RNG.choice(bug['how'])}."]
    for b in quoted_bits(f):
        body.append(b.lower())
    poc = poc_lines(f, bug)
    if poc:
        body.append("for reproduce please do:\n" + "\n".join(poc))
    if f["version"]:
        body.append(f"my version is {f['version']}")
    body.append(f"with this bug the bad person can {RNG.choice(bug['imp'])}. please fix it soon and give me credit.")
    body.append("thank you very much")
    return f"Vulnerability report - {RNG.choice(bug['names'])}", "\n\n".join(body)


def generated(bug, f, i):
    name = RNG.choice(bug["names"])
    what = RNG.choice(bug["what"])
    body = [f"Subject: Comprehensive Security Assessment Report\n\nDear Security Team,\n\nI hope this message finds "
            f"you well. I am writing to responsibly disclose a significant security vulnerability that I have "
            f"identified in the {name} of your esteemed project. The vulnerability can be characterized as {what}.",
            "### Executive Summary\n\nIn today's rapidly evolving threat landscape, robust security controls are "
            "paramount. During my comprehensive analysis, I observed that " + RNG.choice(bug["how"]) + ". This "
            "represents a deviation from industry best practices such as the OWASP Top 10.",
            "### Technical Analysis\n\n" + (" ".join(quoted_bits(f)) or "The affected functionality processes "
                                            "user-controlled input without adequate validation."),
            f"### Potential Impact\n\nIf successfully exploited, a malicious actor could {RNG.choice(bug['imp'])}. "
            "This could result in reputational damage, regulatory consequences and loss of customer trust.",
            "### Recommendations\n\n1. Implement strict input validation.\n2. Apply the principle of least "
            "privilege.\n3. Conduct regular security audits.",
            "I look forward to your prompt response and would appreciate recognition in your hall of fame."]
    return f"Critical Security Vulnerability Disclosure: {what.title()}", "\n\n".join(body)


STYLES = {  # writer → (how much they quote, how they write)
    "bounty": (0.7, bounty), "terse": (0.45, terse), "story": (0.5, story),
    "scanner": (0.55, scanner), "non_native": (0.4, non_native), "generated": (0.25, generated),
}

# Reports of things that are not vulnerabilities for this project (beg bounties,
# scanner noise): unique, but full of the same security vocabulary.
NON_ISSUES = [
    ("Missing X-Frame-Options header - Clickjacking",
     "Hello,\n\nI found that your website https://harbor.example does not set the X-Frame-Options header. "
     "This allows clickjacking attacks where an attacker can frame the page and trick users into clicking.\n\n"
     "PoC: <iframe src=\"https://harbor.example\"></iframe>\n\nPlease let me know about the bounty."),
    ("SPF record missing / email spoofing possible",
     "Dear team, your domain has a weak SPF record (~all) and no DMARC policy, so anyone can spoof emails "
     "from security@harbor.example. This is a critical vulnerability. Kindly reward."),
    ("Server version disclosure in HTTP headers",
     "The server discloses its version in the Server header: 'Server: harbor-http/22.4.0'. Attackers can "
     "use this to find known exploits. Recommend removing the header."),
    ("Self-XSS in the search box",
     "When I paste <script>alert(1)</script> into the search field of the docs site and press enter in my "
     "own browser the alert shows. Impact: XSS."),
    ("Cookie without HttpOnly flag on docs site",
     "The cookie _ga on docs.harbor.example is set without HttpOnly and Secure flags. This could lead to "
     "session hijacking via XSS. CVSS 6.5."),
    ("Logout CSRF",
     "Your /logout endpoint accepts GET requests without a CSRF token, so an attacker can log a user out by "
     "embedding <img src=https://harbor.example/logout>. Please fix."),
    ("Directory traversal in example app when run as root",
     "If you run the example app from the tutorial with --root / and as the root user, every file can be "
     "downloaded from /static/. This is path traversal!"),
    ("Denial of service by sending many requests",
     "I was able to make the demo server slow by sending 100000 requests per second from my botnet. Harbor "
     "has no DDoS protection. Severity critical."),
    ("Rate limiting missing on contact form",
     "The contact form on the website has no rate limiting. I could submit 500 messages in a minute. This "
     "can be used for spam. Expecting a bounty for this finding."),
    ("Open redirect in documentation search (out of scope?)",
     "The docs site search redirects to the external algolia URL with a user supplied parameter. Maybe "
     "open redirect."),
    ("Autocomplete enabled on password field",
     "The login form of the admin example has autocomplete=on for the password input. Browsers may store "
     "the password. OWASP recommends turning it off."),
    ("Weak TLS ciphers on harbor.example website",
     "SSL Labs shows the project website supports TLS_RSA_WITH_AES_128_CBC_SHA. This is a weak cipher. "
     "Please disable it to protect users."),
    ("Exposed .git folder? (false positive maybe)",
     "My scanner reported https://harbor.example/.git/HEAD returning 200 but the content looks like your "
     "404 page. Reporting just in case."),
    ("Prototype pollution in example code from the blog",
     "The blog post 'Building a JSON API with Harbor' merges req.body into a config object in its sample "
     "code. Readers copying it could be vulnerable to prototype pollution."),
    ("eval() usage found in test fixtures",
     "Static analysis found eval() in test/fixtures/legacy.js. eval is dangerous and can lead to code "
     "injection. Please remove it."),
    ("Stack trace shown in development mode",
     "When NODE_ENV is development, errors show the full stack trace with file paths to the browser. "
     "Information disclosure."),
    ("Vulnerable dependency reported by npm audit",
     "npm audit reports a moderate issue in a devDependency (the test runner's glob package). Harbor is "
     "therefore vulnerable. Please upgrade."),
    ("Host header injection on harbor.example",
     "Sending Host: evil.example to https://harbor.example returns a 301 to https://evil.example/. This is "
     "host header injection leading to cache poisoning."),
    ("Brute force of the demo login",
     "The public demo at demo.harbor.example lets me try passwords on the admin/admin account without "
     "lockout. Brute force possible."),
    ("Tabnabbing in README links",
     "Links in the project README on the package registry open with target=_blank without rel=noopener. "
     "Reverse tabnabbing vulnerability."),
    ("Harbor allows serving files from any directory",
     "If I configure static({ root: '/' }) the server exposes my whole disk. The library should refuse this "
     "configuration. This is an arbitrary file read vulnerability."),
    ("Regex DoS possible with user-supplied route patterns",
     "If an application lets its users register their own route patterns, a user can submit a pattern with "
     "nested quantifiers and slow the router down. Impact: denial of service."),
    ("Session cookie readable by JavaScript when httpOnly: false",
     "Setting cookie: { httpOnly: false } in the session options makes the session id readable from "
     "document.cookie. Harbor should not allow developers to do this."),
    ("Missing Content-Security-Policy header",
     "None of the responses from the default server set a Content-Security-Policy. Without CSP any XSS is "
     "easier to exploit. Recommended fix: add a strict default CSP."),
    ("Username enumeration on the demo registration page",
     "The registration form of the example app says 'username already taken', which lets me enumerate "
     "accounts. Please fix the user enumeration vulnerability."),
]


def main():
    used = set()
    reports = []  # (order key, report)
    style_names = list(STYLES)
    reported_again = RNG.sample(range(len(BUGS)), 40)
    twice = set(reported_again[:25])
    for n, bug in enumerate(BUGS):
        writers = RNG.sample(style_names, 3)
        count = 1 + (n in reported_again) + (n in twice)
        day = RNG.randint(0, 200)
        for k in range(count):
            style = writers[k]
            bias, write = STYLES[style]
            title, body = write(bug, facts(bug, bias), k)
            name, email = reporter(used)
            reports.append((day + k * RNG.randint(3, 60) + RNG.random(), dict(
                bug=bug["key"], style=style, reporter_name=name, reporter_email=email,
                title=title, body=body, first=(k == 0))))
    for title, body in NON_ISSUES:
        name, email = reporter(used)
        reports.append((RNG.randint(0, 260) + RNG.random(), dict(
            bug=None, style="non_issue", reporter_name=name, reporter_email=email,
            title=title, body=body, first=True)))
    reports.sort(key=lambda r: r[0])
    out, first_id = [], {}
    for n, (_, r) in enumerate(reports, 1):
        rid = f"R{n:03}"
        duplicate_of = None
        if r["bug"] is not None:
            if r["bug"] in first_id:
                duplicate_of = first_id[r["bug"]]
            else:
                first_id[r["bug"]] = rid
        out.append(dict(id=rid, bug=r["bug"], duplicate_of=duplicate_of, style=r["style"],
                        reporter_name=r["reporter_name"], reporter_email=r["reporter_email"],
                        title=r["title"], body=r["body"]))
    path = Path(__file__).with_name("held-out.json" if HELD_OUT else "reports.json")
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    dups = sum(1 for r in out if r["duplicate_of"])
    print(f"{len(out)} reports, {dups} re-reports, {len(out) - dups} with no earlier report of the same bug")


if __name__ == "__main__":
    main()
