from django.db import models

# Your models go here.
