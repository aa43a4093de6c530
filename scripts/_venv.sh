# Shared by the two entry scripts: create .venv with Python 3.11+ and install a requirements file.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON_BIN=${PYTHON_BIN:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
    echo "==> 创建虚拟环境 .venv ($("$PYTHON_BIN" --version))"
    "$PYTHON_BIN" -m venv .venv
fi
install_requirements() {
    local file=$1 stamp=".venv/.installed-$(basename "$1")"
    if [ ! -f "$stamp" ] || [ "$file" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
        echo "==> 安装依赖 $file"
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -r "$file"
        touch "$stamp"
    fi
}

install_system_packages() {
    # Only where we may (root with apt); elsewhere the tests that need them skip themselves.
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || return 0
    local missing=()
    for pkg in $(grep -v '^#' scripts/system-packages.txt); do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "==> 安装系统软件包 ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}
