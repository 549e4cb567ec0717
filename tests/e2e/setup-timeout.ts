// Starting the stack and a browser takes seconds on a busy 2-core machine. Nothing asserts on time.
jest.setTimeout(120_000);
