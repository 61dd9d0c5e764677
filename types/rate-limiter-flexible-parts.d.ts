// rate-limiter-flexible's index loads every store it supports (Redis, Mongo, MySQL, Postgres, Dynamo,
// Etcd, Drizzle…), ~4–9 MB of RSS in a process that only counts in memory; Parley imports the files
// it uses (server/sync/limits.ts). The package types only its index, so these name each file's export.
declare module "rate-limiter-flexible/lib/RateLimiterMemory.js" {
  import { RateLimiterMemory } from "rate-limiter-flexible";
  export default RateLimiterMemory;
}
declare module "rate-limiter-flexible/lib/RateLimiterRedis.js" {
  import { RateLimiterRedis } from "rate-limiter-flexible";
  export default RateLimiterRedis;
}
declare module "rate-limiter-flexible/lib/RateLimiterRes.js" {
  import { RateLimiterRes } from "rate-limiter-flexible";
  export default RateLimiterRes;
}
