# Helpers shared by the shell tests; source it after setting WORK.
# Counts land in $pass and $fail.
pass=${pass:-0}
fail=${fail:-0}

check() { # NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

commit_db() { # TREE BUILD INCLUDE_DIR: compile_commands.json for TREE's C files
  mkdir -p "$2"
  python3 - "$1" "$3" >"$2/compile_commands.json" <<'PY'
import json, os, sys
tree, inc = sys.argv[1], sys.argv[2]
cmds = []
for root, dirs, files in sorted(os.walk(tree)):
    dirs[:] = [d for d in dirs if d != ".git"]
    for f in sorted(files):
        if f.endswith(".c"):
            path = os.path.join(root, f)
            cmds.append({"directory": tree, "file": path,
                         "command": f"clang-19 -nostdinc -I{inc} -c -o {path[:-2]}.o {path}"})
json.dump(cmds, sys.stdout, indent=1)
PY
}

finish() { # NAME: prints the tally and exits non-zero on any failure
  echo "$1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit $?
}
