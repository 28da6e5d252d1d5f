package report

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.
