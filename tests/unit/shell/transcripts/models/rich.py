from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Profile(models.Model):
    author = models.OneToOneField(Author, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)


class Article(models.Model):
    title = models.CharField(max_length=200)
    published = models.DateField(null=True, blank=True)
    price = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    rating = models.FloatField(default=0)
    active = models.BooleanField(default=True)
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self):
        return self.title
