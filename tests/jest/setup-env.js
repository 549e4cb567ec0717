// Runs in every test file before anything is imported. The handlers log through Powertools; in
// tests only the test's own output should reach the terminal. Set POWERTOOLS_LOG_LEVEL yourself to
// see the logs of a failing run (e.g. POWERTOOLS_LOG_LEVEL=DEBUG npx jest ...).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Known and documented (docs say: use the nodejs22.x runtime in AWS); locally Node 20 works.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
