"""Sovet's domain: organisations, bodies, constituencies, norms, factions, members,
mandates and credentials, with the rules that govern them.

Pure: imports only the standard library and :mod:`sovet.count`.
"""
