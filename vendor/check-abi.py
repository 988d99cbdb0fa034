#!/usr/bin/env python3
"""Compare the ABI of our vendor/include/mtml.h with another mtml.h.

Usage: python3 vendor/check-abi.py /path/to/driver/mtml.h

Generates a C program from OUR header that prints the size, alignment and
field offsets of every structure, the value of every enumerator and the
buffer-size constants; compiles it once against each header; and compares
the outputs, plus the normalised list of function prototypes. Exit status 0
means the two headers describe the same ABI. Needs python3 and a C compiler
(`cc`, or $CC).
"""
import os
import re
import subprocess
import sys
import tempfile

OURS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "include", "mtml.h")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def dump_program(code):
    lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <string.h>",
             "#include HDR", "int main(void) {"]

    def fields(prefix, body):
        # Nested anonymous structs: recurse, then report their own offset.
        out = []
        depth, start = 0, None
        flat = ""
        i = 0
        while i < len(body):
            c = body[i]
            if c == "{":
                if depth == 0:
                    start = i
                    flat = re.sub(r"struct\s*$", "", flat)
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    m = re.match(r"\s*(\w+)\s*;", body[i + 1:])
                    name = m.group(1)
                    out.append(name)
                    for sub in fields(prefix + name + ".", body[start + 1:i]):
                        out.append(name + "." + sub)
                    i += 1 + m.end()
                    flat += ";"
                    continue
            elif depth == 0:
                flat += c
            i += 1
        for decl in flat.split(";"):
            decl = decl.strip()
            if not decl or ":" in decl:  # bit-fields have no offsetof
                continue
            m = re.search(r"\(\s*\*\s*(\w+)\s*\)|(\w+)\s*(\[[^\]]*\])?\s*$", decl)
            if m:
                out.append(m.group(1) or m.group(2))
        return out

    for m in re.finditer(r"typedef\s+struct\s*\{", code):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        name = re.match(r"\s*(\w+)\s*;", code[i:]).group(1)
        body = code[m.end():i - 1]
        lines.append(f'printf("{name} size %zu align %zu\\n", sizeof({name}), _Alignof({name}));')
        for f in fields("", body):
            lines.append(f'printf("{name}.{f} offset %zu\\n", offsetof({name}, {f}));')
        if ":" in body:
            # Bit-fields: set every named field to all ones and print the bytes.
            names = re.findall(r"(\w+)\s*:\s*\d+", body)
            lines.append("{ %s v; memset(&v, 0, sizeof v);" % name)
            for n in names:
                lines.append(f"v.{n} = ~0u;")
                lines.append('{ const unsigned char *b = (const unsigned char *)&v;'
                             f' printf("{name}.{n} bits"); for (size_t k = 0; k < sizeof v; k++)'
                             ' printf(" %02x", b[k]); printf("\\n"); }')
            lines.append("}")
    for m in re.finditer(r"typedef\s+enum\s*\{(.*?)\}\s*(\w+)\s*;", code, re.S):
        body, name = m.group(1), m.group(2)
        lines.append(f'printf("{name} size %zu\\n", sizeof({name}));')
        for e in re.findall(r"\b(MTML_\w+)\b", body):
            lines.append(f'printf("{e} = %lld\\n", (long long){e});')
    for d in re.findall(r"#define\s+(MTML_\w+_(?:SIZE|NUM))\b", code):
        lines.append(f'printf("{d} = %d\\n", (int){d});')
    lines.append('printf("MTML_DEVICE_PCI_BUS_ID_FMT = %s\\n", MTML_DEVICE_PCI_BUS_ID_FMT);')
    lines.append("return 0; }")
    return "\n".join(lines) + "\n"


def prototypes(path):
    code = strip_comments(open(path, encoding="utf-8", errors="replace").read())
    code = re.sub(r"MTML_DEPRECATED\([^)]*\)", "", code)
    found = re.findall(r"[\w\s\*]*\bmtml\w+\s*\([^;{]*\)\s*;", code)
    out = []
    for p in found:
        p = p.replace("MTML_API", "")
        p = re.sub(r"\s+", " ", p).strip()
        p = re.sub(r"\s*([*(),])\s*", r"\1", p)
        out.append(p)
    return sorted(out)


def run(header, program, workdir):
    exe = os.path.join(workdir, "dump")
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-std=c11", "-w", f'-DHDR="{os.path.abspath(header)}"', program, "-o", exe],
                   check=True)
    return subprocess.run([exe], check=True, capture_output=True, text=True).stdout.splitlines()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    theirs = sys.argv[1]
    code = strip_comments(open(OURS, encoding="utf-8").read())
    with tempfile.TemporaryDirectory() as tmp:
        prog = os.path.join(tmp, "dump.c")
        open(prog, "w").write(dump_program(code))
        a, b = run(OURS, prog, tmp), run(theirs, prog, tmp)
    pa, pb = prototypes(OURS), prototypes(theirs)
    bad = 0
    for x, y in zip(a, b):
        if x != y:
            print(f"layout differs: ours '{x}' vs theirs '{y}'")
            bad += 1
    for p in sorted(set(pa) ^ set(pb)):
        print(("only ours: " if p in pa else "only theirs: ") + p)
        bad += 1
    print(f"{len(a)} layout facts and {len(pa)} prototypes compared, {bad} differences")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
