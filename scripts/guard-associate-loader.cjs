// Webpack loader for src/functions/functions.ts, run right after custom-functions-metadata-plugin's loader.
// That loader appends one bare `CustomFunctions.associate("ID", fn);` line per function; outside Excel
// (the task pane page opened in a browser) CustomFunctions is undefined and the bare call would throw.
// Fails the build if the plugin appended nothing, so a change in the plugin cannot go unnoticed.
module.exports = function guardAssociate(source) {
  let count = 0;
  const guarded = source.replace(/^CustomFunctions\.associate\(/gm, () => {
    count += 1;
    return 'if (typeof CustomFunctions !== "undefined") CustomFunctions.associate(';
  });
  if (count === 0) {
    throw new Error(
      "guard-associate-loader: no CustomFunctions.associate(...) calls were appended to functions.ts; " +
        "check the @customfunction JSDoc tags and custom-functions-metadata-plugin",
    );
  }
  return guarded;
};
