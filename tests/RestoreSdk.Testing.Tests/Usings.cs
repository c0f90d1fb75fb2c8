// Makes xunit's Assert available in every test file.
global using Xunit;
