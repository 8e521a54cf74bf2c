<#
.SYNOPSIS
    Build the Windows installer: dist\ContractDesk-<version>-windows-x64-setup.exe

.DESCRIPTION
    Runs PyInstaller on installer\contractdesk.spec (one-folder bundle in dist\ContractDesk),
    checks that the frozen program starts, then compiles installer\windows\contractdesk.iss with
    Inno Setup 6, passing the version and app id read from contractdesk\__init__.py.
    Needs: Windows 10/11 x64, uv (Python 3.11 comes through it), Inno Setup 6
    (winget install JRSoftware.InnoSetup).

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
.EXAMPLE
    installer\windows\build.ps1 -SkipBundle -Iscc "D:\Tools\Inno Setup 6\ISCC.exe"
#>
[CmdletBinding()]
param(
    # Path to ISCC.exe; found on PATH or in the usual install folders when not given.
    [string]$Iscc = "",
    # Use the existing dist\ContractDesk instead of running PyInstaller again.
    [switch]$SkipBundle
)

$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$InitPy = Get-Content -Raw -Encoding UTF8 (Join-Path $Root "contractdesk\__init__.py")

function Get-PackageConstant([string]$Name) {
    if ($InitPy -match "(?m)^$Name\s*=\s*[`"']([^`"']+)[`"']") { return $Matches[1] }
    throw "contractdesk\__init__.py does not define $Name"
}

$Version = Get-PackageConstant "__version__"
$AppId = Get-PackageConstant "APP_ID"
# Windows version resources take up to four numbers: 0.1.0rc1 -> 0.1.0
if ($Version -match '^\d+(\.\d+){0,3}') { $NumericVersion = $Matches[0] } else { throw "odd version '$Version'" }

function Find-Iscc {
    if ($Iscc) { return $Iscc }
    $onPath = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $candidates = @(
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe")
    )
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path $candidate)) { return $candidate }
    }
    throw "ISCC.exe (Inno Setup 6) not found: install it (winget install JRSoftware.InnoSetup) or pass -Iscc"
}

Push-Location $Root
try {
    if (-not $SkipBundle) {
        & uv run pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\contractdesk.spec
        if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed (exit $LASTEXITCODE)" }
    }
    $Bundle = Join-Path $Root "dist\ContractDesk"
    if (-not (Test-Path (Join-Path $Bundle "ContractDesk.exe"))) { throw "$Bundle\ContractDesk.exe not found" }

    # The frozen program must start before it is packed: the console twin prints its version.
    $reported = & (Join-Path $Bundle "contractdesk-cli.exe") --version
    if ($LASTEXITCODE -ne 0 -or "$reported" -notmatch [regex]::Escape($Version)) {
        throw "the frozen program did not start (exit $LASTEXITCODE, said '$reported')"
    }

    $compiler = Find-Iscc
    & $compiler "/DAppVersion=$Version" "/DNumericVersion=$NumericVersion" "/DAppId=$AppId" `
        (Join-Path $Root "installer\windows\contractdesk.iss")
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed (exit $LASTEXITCODE)" }

    $Setup = Join-Path $Root "dist\ContractDesk-$Version-windows-x64-setup.exe"
    $BundleMB = [math]::Round(((Get-ChildItem -Recurse -File $Bundle | Measure-Object Length -Sum).Sum / 1MB), 1)
    $SetupMB = [math]::Round(((Get-Item $Setup).Length / 1MB), 1)
    Write-Host "$Setup ($SetupMB MB; bundle $BundleMB MB)"
}
finally {
    Pop-Location
}
