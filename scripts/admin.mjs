// `npm run admin -- grant <email> --role admin|moderator|user`: staff bootstrap (see lib/adminCli.ts).
// The implementation is TypeScript run by Node 22's type stripping. Warnings that say nothing useful
// to an operator are hidden: the functions package's untyped package.json, type stripping being
// experimental, and the Google client libraries failing to reach a GCE metadata server off GCP.
const QUIET = new Set(['MODULE_TYPELESS_PACKAGE_JSON', 'ExperimentalWarning', 'MetadataLookupWarning']);
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!QUIET.has(warning.code ?? '') && !QUIET.has(warning.name)) console.warn(warning);
});

const { runAdminCli, CliError } = await import('./lib/adminCli.ts');
try {
  console.log(await runAdminCli(process.argv.slice(2)));
} catch (error) {
  if (error instanceof CliError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
