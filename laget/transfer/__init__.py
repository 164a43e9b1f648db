"""Flytting til en annen kommune: forslag, mottak og overføringspakker mellom installasjoner."""
