"""What is made of check results: the overview's key figures, chart data, drill-downs from a
figure to its rows, and CSV export of a result table.
"""
