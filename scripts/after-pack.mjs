// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing.
// Fuses are build-time switches baked into the executable; these close the ways to run the app's
// binary as something else: a Node interpreter, a debug target, a loader of loose files.
// See https://www.electronjs.org/docs/latest/tutorial/fuses
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

// builder-util's Arch enum: arm64 = 3, universal = 4.
const APPLE_SILICON_ARCHES = new Set([3, 4]);

/** @param {import('app-builder-lib').AfterPackContext} context */
export function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
  }
}

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  const target = executablePath(context);
  await flipFuses(target, {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature Apple-silicon binaries need to launch.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && APPLE_SILICON_ARCHES.has(context.arch),
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The app is served from app://, never file://, so file: pages need no extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
  console.log(`after-pack: fuses flipped in ${path.basename(target)}`);
}
