"""Stockholm city as demo data: its organisation, the category tree, and phrase lists.

The organisation names are the city's real ones (2026) as far as we know them; the people, phone
extensions and addresses of people are generated and fake. Data is plain Python so it is typed
and checked together with the loader.
"""
