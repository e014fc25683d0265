"""Import: from a platform's export files to canonical tables in the case.

sniff (format, delimiter, header row) -> encoding -> staging (raw text with row numbers) ->
mapping (headers and aliases to canonical columns) -> convert (typed values, row-level rejects)
-> importer (one transaction per file, every row loaded or rejected). ``preview`` runs the same
pipeline on the first rows for the import wizard. Imports only the case store below it.
"""
