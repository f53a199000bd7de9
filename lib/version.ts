/** The library's version, written into every model bundle (a test keeps it equal to package.json's). */
export const LIBRARY_VERSION = "0.2.0";
