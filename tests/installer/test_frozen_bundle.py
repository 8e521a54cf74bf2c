"""The frozen app as a user gets it: built once with installer/contractdesk.spec, then run.

The build takes one to two minutes; deselect with ``-m 'not installer'``. Start-up figures are
printed (``-s``) and recorded as test properties, never asserted.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tarfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from contractdesk import APP_NAME, __version__
from contractdesk.store.schema import SCHEMA_HEAD

pytestmark = pytest.mark.installer

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "contractdesk.spec"
PASSPHRASE = "frozen bundle passphrase"
SUPPLIER_ORG = "971049669"
RUN_TIMEOUT = 120
# Lines the offscreen platform prints that a real desktop does not (as in pyproject's qt_log_ignore).
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",)


@dataclass(frozen=True)
class Bundle:
    folder: Path  # dist/ContractDesk
    exe: Path  # the program a shell runs (console executable)
    build_seconds: float


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """Build the one-folder bundle into a temp dir (once per session; nothing kept between runs)."""
    out = tmp_path_factory.mktemp("pyinstaller")
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(out / "config"))
    started = time.perf_counter()
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-6000:]
    folder = out / "dist" / APP_NAME
    if sys.platform == "win32":
        exe = folder / "contractdesk-cli.exe"
    elif sys.platform == "darwin":
        exe = folder / APP_NAME
    else:
        exe = folder / "contractdesk"
    assert exe.is_file(), sorted(p.name for p in folder.iterdir())
    return Bundle(folder, exe, time.perf_counter() - started)


def frozen_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: no venv, no Python paths, a fresh home, offscreen Qt, no keyring."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CONTRACTDESK_", "PYTHON", "XDG_"))
        and k not in ("VIRTUAL_ENV", "HOME")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        QT_QPA_PLATFORM="offscreen",
        # Loaded by name through keyring's dynamic import; never a real keyring in a test.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        LC_ALL="C.UTF-8",
    )
    env.update(extra)
    return env


def run(exe: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args], env=env, check=False, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


@dataclass(frozen=True)
class GuiRun:
    returncode: int
    lines: list[str]  # stderr
    timings: dict[str, float]  # painted_ms / store_open_ms as the app reports them
    wall_ms: dict[str, float]  # the same events seen from outside, from process launch


def run_gui(exe: Path, *args: str, env: dict[str, str]) -> GuiRun:
    """Start the GUI with CONTRACTDESK_EXIT_AFTER_START=1; timestamp its stderr lines."""
    started = time.perf_counter()
    lines: list[str] = []
    timings: dict[str, float] = {}
    wall: dict[str, float] = {}
    with subprocess.Popen(
        [str(exe), *args],
        env=dict(env, CONTRACTDESK_EXIT_AFTER_START="1"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        watchdog = threading.Timer(RUN_TIMEOUT, proc.kill)
        watchdog.start()
        try:
            assert proc.stderr is not None
            for raw in proc.stderr:
                line = raw.rstrip("\n")
                lines.append(line)
                key, sep, value = line.partition("=")
                if sep and key in ("painted_ms", "store_open_ms"):
                    timings[key] = float(value)
                    wall[key] = (time.perf_counter() - started) * 1000
            returncode = proc.wait(timeout=RUN_TIMEOUT)
        finally:
            watchdog.cancel()
            proc.kill()
    wall["exit_ms"] = (time.perf_counter() - started) * 1000
    return GuiRun(returncode, lines, timings, wall)


@pytest.fixture(scope="module")
def passphrase_store(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(home, data dir) of a store the frozen app created, unlocked by CONTRACTDESK_PASSPHRASE."""
    home = tmp_path_factory.mktemp("frozen-home")
    data = home / "Blåbær data"
    made = run(
        bundle.exe,
        "--data-dir",
        str(data),
        "init",
        "--supplier-org-number",
        SUPPLIER_ORG,
        "--supplier-name",
        "Frozen Test AS",
        "--passphrase",
        env=frozen_env(home, CONTRACTDESK_PASSPHRASE=PASSPHRASE),
    )
    assert made.returncode == 0, made.stderr
    return home, data


def test_info_json_reports_the_package_version(bundle: Bundle, tmp_path: Path) -> None:
    shown = run(bundle.exe, "info", "--json", env=frozen_env(tmp_path))
    assert shown.returncode == 0, shown.stderr
    info = json.loads(shown.stdout)
    assert info["version"] == __version__
    assert info["schema_head"] == SCHEMA_HEAD
    assert info["store_exists"] is False
    assert info["data_dir"] == str(tmp_path / ".local" / "share" / "ContractDesk")
    assert info["sqlcipher_version"]  # the SQLCipher module is in the bundle and loads
    assert (
        run(bundle.exe, "--version", env=frozen_env(tmp_path)).stdout.strip()
        == f"ContractDesk {__version__}"
    )


def test_store_is_created_migrated_and_unlocked_by_passphrase(
    bundle: Bundle, passphrase_store: tuple[Path, Path]
) -> None:
    home, data = passphrase_store
    assert (data / "contractdesk.db").is_file()
    shown = run(
        bundle.exe,
        "--data-dir",
        str(data),
        "info",
        "--json",
        env=frozen_env(home, CONTRACTDESK_PASSPHRASE=PASSPHRASE),
    )
    assert shown.returncode == 0, shown.stderr
    info = json.loads(shown.stdout)
    # Alembic ran the migration scripts shipped as files inside the bundle, up to head.
    assert (info["unlocked"], info["key_source"]) == (True, "passphrase")
    assert info["schema_revision"] == info["schema_head"] == SCHEMA_HEAD
    assert info["data_dir"] == str(data)

    wrong = run(
        bundle.exe,
        "--data-dir",
        str(data),
        "info",
        "--json",
        env=frozen_env(home, CONTRACTDESK_PASSPHRASE="not the passphrase"),
    )
    assert wrong.returncode == 1
    assert "passphrase" in wrong.stderr.lower() and "Traceback" not in wrong.stderr


def assert_clean_start(gui: GuiRun) -> None:
    assert gui.returncode == 0, "\n".join(gui.lines)
    assert set(gui.timings) == {"painted_ms", "store_open_ms"}, "\n".join(gui.lines)
    assert gui.timings["painted_ms"] <= gui.timings["store_open_ms"]
    # No Qt warning (a missing plugin, font or image format shows up here) and no traceback.
    unexpected = [
        line
        for line in gui.lines
        if line.partition("=")[0] not in gui.timings and not line.startswith(OFFSCREEN_NOISE)
    ]
    assert unexpected == []


def test_gui_starts_offscreen_opens_the_store_and_quits_cleanly(
    bundle: Bundle, passphrase_store: tuple[Path, Path], record_property: pytest.RecordProperty
) -> None:
    home, data = passphrase_store
    gui = run_gui(
        bundle.exe,
        "--data-dir",
        str(data),
        env=frozen_env(home, CONTRACTDESK_PASSPHRASE=PASSPHRASE),
    )
    assert_clean_start(gui)
    assert (data / "logs" / "contractdesk.log").is_file()
    for key, value in {**gui.timings, **{f"wall_{k}": v for k, v in gui.wall_ms.items()}}.items():
        record_property(key, round(value, 1))
    print(
        f"\nfrozen GUI (passphrase store): app-reported {gui.timings}, from launch {gui.wall_ms}, "
        f"build {bundle.build_seconds:.0f} s"
    )


def test_demo_starts_and_leaves_no_throwaway_store(
    bundle: Bundle, tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    gui = run_gui(bundle.exe, "--demo", env=frozen_env(tmp_path / "home", TMPDIR=str(scratch)))
    assert_clean_start(gui)
    assert list(scratch.glob("contractdesk-demo-*")) == []
    assert not (
        tmp_path / "home" / ".local" / "share" / "ContractDesk"
    ).exists()  # user data untouched
    for key, value in gui.timings.items():
        record_property(f"demo_{key}", round(value, 1))
    print(f"\nfrozen GUI (--demo): app-reported {gui.timings}, from launch {gui.wall_ms}")


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it (white space collapsed)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.replace("\u00a0", " ").split())


def test_agreement_pdf_and_batch_from_the_frozen_app(bundle: Bundle, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = frozen_env(tmp_path / "home", CONTRACTDESK_PASSPHRASE=PASSPHRASE)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        done = run(bundle.exe, "--data-dir", str(data), *args, env=env)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done

    cli(
        "init",
        "--supplier-org-number",
        SUPPLIER_ORG,
        "--supplier-name",
        "Leverandør AS",
        "--passphrase",
    )
    cli(
        "customer",
        "add",
        "923609016",
        "--offline",
        "--name",
        "Blåbær Kunde AS",
        "--address",
        "Storgata 1",
        "--postcode",
        "0150",
        "--city",
        "Oslo",
    )
    cli("customer", "add", "914778271", "--offline", "--name", "Annen Kunde AS")

    pdf = tmp_path / "agreement.pdf"
    cli("agreement", "pdf", "923609016", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in ("Leverandør AS", "971 049 669", "Blåbær Kunde AS", "923 609 016", "0150 Oslo"):
        assert expected in text
    # The fonts come from resources/fonts inside the bundle, embedded as subsets.
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "DejaVuSans" in fonts

    # Two workers: spawned processes that re-run the frozen executable (multiprocessing.freeze_support).
    batch = tmp_path / "batch"
    cli("agreement", "batch", "--all", "--workers", "2", "--out", str(batch))
    made = sorted(p.name for p in batch.glob("*.pdf"))
    assert [name.split("-", 1)[0] for name in made] == ["914778271", "923609016"]
    assert "Annen Kunde AS" in pdf_text(batch / made[0])


def test_bundle_ships_what_is_loaded_at_run_time_and_not_what_is_unused(bundle: Bundle) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    internal = bundle.folder / "_internal"
    dangling = [
        str(p.relative_to(bundle.folder))
        for p in bundle.folder.rglob("*")
        if p.is_symlink() and not p.exists()
    ]
    assert dangling == []
    # resources/ where contractdesk.resources looks first when frozen (sys._MEIPASS/resources).
    for asset in (
        "fonts/DejaVuSans.ttf",
        "icons/contractdesk-256.png",
        "schemas/person-export.schema.json",
        "kpi/consumer_price_index.json",  # the §13.1 index table (issue 14)
    ):
        assert (internal / "resources" / asset).is_file(), asset
    # Alembic reads the migrations from disk, so they must be there as source files.
    migrations = internal / "contractdesk" / "store" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    shipped = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    expected = sorted(
        p.name for p in (ROOT / "contractdesk/store/migrations/versions").glob("*.py")
    )
    assert shipped == expected

    # keyring finds its backends through entry points: metadata and every backend module shipped.
    entry_points = next(internal.glob("keyring-*.dist-info")) / "entry_points.txt"
    text = entry_points.read_text(encoding="utf-8")
    section = text.split("[keyring.backends]", 1)[1].split("[", 1)[0]
    backends = {line.split("=", 1)[1].strip() for line in section.splitlines() if "=" in line}
    assert {
        "keyring.backends.Windows",
        "keyring.backends.macOS",
        "keyring.backends.SecretService",
    } <= backends
    pyz = CArchiveReader(str(bundle.exe)).open_embedded_archive("PYZ.pyz")
    modules = set(pyz.toc)
    assert backends <= modules
    assert {
        "contractdesk.cli.commands.info",
        "contractdesk.ui.pages.terms",
        "phonenumbers.data",
    } <= modules
    assert not any(
        m.startswith(("contractdesk.devtools", "pytest", "tkinter", "phonenumbers.geodata"))
        for m in modules
    )

    qt = internal / "PySide6" / "Qt"
    for plugin in (
        "printsupport/*cups*",
        "imageformats/*qpdf*",
        "imageformats/*qsvg*",
        "iconengines/*svg*",
        "platforms/*xcb*",
        "platforms/*wayland*",
    ):
        assert list((qt / "plugins").glob(plugin)), plugin
    libs = {p.name for p in (qt / "lib").iterdir()}
    for needed in ("Pdf", "PdfWidgets", "PrintSupport", "Charts", "Svg"):
        assert f"libQt6{needed}.so.6" in libs
    assert not [
        name
        for name in libs
        if name.startswith(("libQt6Quick", "libQt6Qml", "libQt6WebEngine", "libQt63D"))
    ]
    languages = {p.stem.split("_", 1)[1] for p in (qt / "translations").glob("*.qm")}
    assert languages and languages <= {"nb", "nn", "no", "en"}


@pytest.mark.skipif(
    sys.platform != "linux", reason="the tar.gz and install.sh are the Linux download"
)
def test_linux_tarball_installs_per_user_and_uninstalls_keeping_data(
    bundle: Bundle, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    packed = subprocess.run(
        [
            "bash",
            str(ROOT / "installer/linux/build.sh"),
            "--bundle",
            str(bundle.folder),
            "--out",
            str(out),
        ],
        env=dict(os.environ, GZIP_LEVEL="1"),
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert packed.returncode == 0, packed.stderr
    name = f"ContractDesk-{__version__}-linux-{platform.machine()}"
    tarball = out / f"{name}.tar.gz"
    assert tarball.is_file()
    assert (out / f"{name}.tar.gz.sha256").read_text().split()[0]
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / name

    home = tmp_path / "home"
    env = frozen_env(home)
    del env["XDG_DATA_HOME"]  # the installer's default: ~/.local/share
    installed = subprocess.run(
        ["sh", str(unpacked / "install.sh")],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert installed.returncode == 0, installed.stderr
    local = home / ".local"
    command = local / "bin" / "contractdesk"
    shown = run(command, "info", "--json", env=frozen_env(home))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["version"] == __version__

    desktop = (local / "share/applications/contractdesk.desktop").read_text(encoding="utf-8")
    entry = dict(line.split("=", 1) for line in desktop.splitlines() if "=" in line)
    assert entry["Exec"] == f'"{local}/lib/contractdesk/contractdesk"'
    assert Path(entry["TryExec"]).is_file()
    assert (entry["Name"], entry["Icon"], entry["Categories"]) == (
        "ContractDesk",
        "contractdesk",
        "Office;",
    )
    icons = local / "share/icons/hicolor"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons / f"{size}x{size}/apps/contractdesk.png").is_file()
    assert (icons / "scalable/apps/contractdesk.svg").is_file()

    # The user's data (default data folder) survives an uninstall.
    made = run(
        command,
        "init",
        "--supplier-org-number",
        SUPPLIER_ORG,
        "--supplier-name",
        "Kept AS",
        "--passphrase",
        env=frozen_env(home, CONTRACTDESK_PASSPHRASE=PASSPHRASE),
    )
    assert made.returncode == 0, made.stderr
    removed = subprocess.run(
        ["sh", str(local / "lib/contractdesk/uninstall.sh")],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert removed.returncode == 0, removed.stderr
    assert not command.exists() and not command.is_symlink()
    assert not (local / "lib/contractdesk").exists()
    assert not (local / "share/applications/contractdesk.desktop").exists()
    assert not list(icons.rglob("contractdesk.*"))
    assert (local / "share/ContractDesk/contractdesk.db").is_file()
