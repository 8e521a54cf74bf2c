; Inno Setup 6 script: ContractDesk for Windows, installed per user (no administrator rights).
; Build with installer\windows\build.ps1, which passes the version read from the package:
;   ISCC /DAppVersion=0.1.0 /DNumericVersion=0.1.0 /DAppId=no.contractdesk.ContractDesk contractdesk.iss
; Input: dist\ContractDesk\ (the PyInstaller one-folder bundle from installer\contractdesk.spec).
; Output: dist\ContractDesk-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #error AppVersion is not defined: build with installer\windows\build.ps1 (or ISCC /DAppVersion=...)
#endif
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#ifndef AppId
  #define AppId "no.contractdesk.ContractDesk"
#endif
#define AppName "ContractDesk"
#define AppExe "ContractDesk.exe"
#define RepoRoot AddBackslash(SourcePath) + "..\.."
#ifndef BundleDir
  #define BundleDir RepoRoot + "\dist\ContractDesk"
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
; Per-user install: {autopf} is %LOCALAPPDATA%\Programs, shortcuts go to the user's Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or later.
MinVersion=10.0.17763
SetupIconFile={#RepoRoot}\resources\icons\contractdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Close a running ContractDesk before files are replaced (updates, uninstall).
CloseApplications=yes
RestartApplications=no
OutputDir={#RepoRoot}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "norwegian"; MessagesFile: "compiler:Languages\Norwegian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update starts from a clean bundle, so no module of the old version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only the program. The user's data (%APPDATA%\ContractDesk: the encrypted
; store, backups, logs) and the key in Windows Credential Manager are kept on purpose.
