/** {@code hakobu demo}: both roles in one process on embedded configs, for a first look. */
package dev.hakobu.demo;
