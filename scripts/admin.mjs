// `npm run admin -- grant <email> --role admin|moderator|user`: staff bootstrap (see lib/adminCli.ts).
// The implementation is TypeScript run by Node 22's type stripping; the warning Node prints for
// the functions package's untyped package.json says nothing useful to an operator, so it is hidden.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.code !== 'MODULE_TYPELESS_PACKAGE_JSON' && warning.name !== 'ExperimentalWarning') console.warn(warning);
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
