; SMS Desktop installer (NSIS 3, built on Linux by packaging/build-windows.sh with Debian's makensis)
;
;   makensis -DVERSION=0.1.0 -DSRCDIR=dist/SMSDesktop-onedir -DICON=resources/icons/sms-desktop.ico
;            -DOUTFILE=dist/SMSDesktop-Setup-0.1.0.exe packaging/installer.nsi
;
; * per user, no administrator rights: %LOCALAPPDATA%\Programs\SMSDesktop, HKCU only;
; * the one-folder build (no unpacking to %TEMP% at each start, unlike the one-file exe);
; * Start-menu and desktop shortcuts; an uninstaller in Programs and Features;
; * upgrades in place (same folder; the old program files are replaced, the data is untouched);
; * uninstalling keeps the user's data folder (%LOCALAPPDATA%\SMSDesktop) unless the user ticks
;   "delete my data" (or passes /DELETEDATA to a silent uninstall).
; Silent: Setup.exe /S installs, uninstall.exe /S uninstalls.

; The program is 64-bit, so is the installer where makensis has the amd64 stubs (Debian's has;
; a 32-bit installer would need Wine's 32-bit half to be tested on Linux).
!if /FileExists "${NSISDIR}\Stubs\lzma_solid-amd64-unicode"
  Target amd64-unicode
!else
  Unicode true
!endif
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef SRCDIR
  !error "pass -DSRCDIR=path/to/dist/SMSDesktop-onedir"
!endif
!ifndef OUTFILE
  !define OUTFILE "SMSDesktop-Setup-${VERSION}.exe"
!endif

!define APPNAME "短信群发助手"
!define APPNAME_EN "SMS Desktop"
!define EXE "SMSDesktop.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SMSDesktop"
!define SETTINGS_KEY "Software\SMSDesktop\Installer"
; platformdirs' user data folder for ("SMS Desktop", "SMSDesktop"), roaming=False
!define DATA_PARENT "$LOCALAPPDATA\SMSDesktop"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${APPNAME} ${APPNAME_EN}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\SMSDesktop"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${APPNAME_EN} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME} ${APPNAME_EN}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序 / Setup"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${APPNAME_EN}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APPNAME_EN}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Section "!${APPNAME}" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; upgrade in place: replace the program files, never the user's data (which is elsewhere)
  RMDir /r "$INSTDIR\_internal"
  File /r "${SRCDIR}\*.*"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME} ${APPNAME_EN}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APPNAME_EN}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "un.${APPNAME}" UnSecApp
  SectionIn RO
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\sms-desktop-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
  DeleteRegKey /ifempty HKCU "Software\SMSDesktop"
SectionEnd

; unticked by default, so a plain (or silent) uninstall keeps the contacts, history and settings
LangString DeleteData ${LANG_SIMPCHINESE} "同时删除我的数据（通讯录、发送记录、设置）"
LangString DeleteData ${LANG_ENGLISH} "Also delete my data (contacts, history, settings)"
Section /o "un.$(DeleteData)" UnSecData
  RMDir /r "${DATA_PARENT}"
SectionEnd

Function un.onInit
  ; a silent uninstall deletes the data only when asked: uninstall.exe /S /DELETEDATA
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
