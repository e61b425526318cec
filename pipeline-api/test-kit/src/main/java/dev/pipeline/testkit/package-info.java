/**
 * Test kit for plugin authors. {@link dev.pipeline.testkit.StageHarness} runs a strategy in a unit test against a
 * sample app and the outputs of the stages before it (built by an installed distribution);
 * {@link dev.pipeline.testkit.PluginJar} packs compiled classes into a PF4J plugin jar;
 * {@link dev.pipeline.testkit.Distribution} runs the distribution's {@code bin/pipeline}, e.g. to build a whole
 * component with the plugin loaded ({@code --plugins}) and call its exports.
 *
 * <p>The kit finds the distribution through the system property {@code pipeline.home} or the environment variable
 * {@code PIPELINE_HOME}. It reports failures as {@link java.lang.AssertionError}s, so it works with any test framework.
 */
package dev.pipeline.testkit;
