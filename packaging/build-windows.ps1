# Builds the Windows program: dist\calllist-desktop\calllist-desktop.exe and calllist.exe beside it,
# one folder to zip or wrap in an installer. Run from the repository in PowerShell, with 64-bit
# Python 3.11 or 3.12 from python.org (the pjsua2-python wheels exist for those):
#
#     powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# The same steps as `make package-check` on Linux: a virtual environment, the project with its
# [package] extra (PyInstaller), PyInstaller on packaging/calllist-desktop.spec, then
# packaging/check_package.py starts the built program offscreen and checks what it draws.
# .github/workflows/windows.yml runs this script on a windows-latest runner.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path .venv\Scripts\python.exe)) {
    py -3 -m venv .venv
    if ($LASTEXITCODE -ne 0) { throw "could not make the virtual environment (is Python installed?)" }
}
$python = ".venv\Scripts\python.exe"
& $python -m pip install --quiet --upgrade pip
& $python -m pip install --quiet -e ".[dev,package]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$env:QT_QPA_PLATFORM = "offscreen"
& .venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN packaging\calllist-desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

& $python packaging\check_package.py dist\calllist-desktop\calllist-desktop.exe
if ($LASTEXITCODE -ne 0) { throw "the built program failed its check" }
Write-Host "built dist\calllist-desktop (calllist-desktop.exe, calllist.exe)"
