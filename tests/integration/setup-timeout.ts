// Starting a stack creates tables on DynamoDB Local, and the property runs make many requests: give
// hooks and tests room. Nothing asserts on time.
jest.setTimeout(30_000);
