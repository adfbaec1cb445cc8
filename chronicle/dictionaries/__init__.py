"""Reference tables every stage may read: the gazetteer and country names, the CAMEO actor
dictionary and its role words. They sit below the stages (chronicle/registry.py): events read
them to tell an actor from a bystander, resolution to code actors and places."""
